// Course editor, progressive enhancement: the Markdown preview without leaving the page, and the
// question form showing only the section of the chosen kind. Without script the preview button
// posts the form, which comes back with the preview, and every section of the question form shows.

/** Preview buttons: data-preview-source (the text area), data-preview-target (the region), data-course. */
function markdownPreview(): void {
  document.querySelectorAll<HTMLButtonElement>('button[data-preview-source]').forEach((button) => {
    button.addEventListener('click', async (event) => {
      const source = document.getElementById(button.dataset.previewSource ?? '') as HTMLTextAreaElement | null;
      const region = document.getElementById(button.dataset.previewTarget ?? '');
      const body = region?.querySelector<HTMLElement>('[data-preview-body]');
      const token = button.form?.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value;
      if (!source || !region || !body || !token) return;
      event.preventDefault();
      button.disabled = true;
      try {
        const res = await fetch('/corsi/anteprima', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token },
          body: JSON.stringify({
            markdown: source.value,
            ...(button.dataset.course ? { course: button.dataset.course } : {}),
          }),
        });
        if (!res.ok) throw new Error(String(res.status));
        const { html } = (await res.json()) as { html: string };
        // The server renders and sanitises the Markdown, as it does when the lesson is saved.
        body.innerHTML = html;
        region.hidden = false;
        region.scrollIntoView({ block: 'nearest' });
        button.disabled = false;
      } catch {
        // Fall back on the way without script: post the form, which comes back with the preview.
        button.disabled = false;
        button.form?.requestSubmit(button);
      }
    });
  });
}

/** The question form: sections marked data-kinds="single multiple" show only for those kinds. */
function questionKinds(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-question-form]');
  if (!form) return;
  const sections = form.querySelectorAll<HTMLElement>('[data-kinds]');
  const update = () => {
    const kind = form.querySelector<HTMLInputElement>('input[name="kind"]:checked')?.value;
    sections.forEach((section) => {
      section.hidden = Boolean(kind) && !(section.dataset.kinds ?? '').split(' ').includes(kind!);
    });
  };
  form
    .querySelectorAll<HTMLInputElement>('input[name="kind"]')
    .forEach((radio) => radio.addEventListener('change', update));
  update();
}

markdownPreview();
questionKinds();
