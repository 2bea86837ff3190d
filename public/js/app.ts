// Progressive enhancement shared by every page. Everything works without it.

/**
 * Forms with data-confirm ask before submitting (e.g. revoking a token, changing a role), and so do
 * buttons with data-confirm that submit a shared form (a post's "Elimina" on the thread page).
 */
function confirmForms(): void {
  document.querySelectorAll<HTMLFormElement>('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm ?? '')) event.preventDefault();
    });
  });
  document.querySelectorAll<HTMLButtonElement>('button[data-confirm]').forEach((button) => {
    button.addEventListener('click', (event) => {
      if (!window.confirm(button.dataset.confirm ?? '')) event.preventDefault();
    });
  });
}

/** Selects with data-autosubmit submit their form on change (filters). */
function autoSubmit(): void {
  document.querySelectorAll<HTMLSelectElement>('select[data-autosubmit]').forEach((select) => {
    select.addEventListener('change', () => select.form?.requestSubmit());
  });
}

/** Copy buttons: data-copy-target names the element whose text to copy. */
function copyButtons(): void {
  document.querySelectorAll<HTMLButtonElement>('button[data-copy-target]').forEach((button) => {
    button.addEventListener('click', async () => {
      const target = document.getElementById(button.dataset.copyTarget ?? '');
      if (!target) return;
      await navigator.clipboard.writeText(target.textContent?.trim() ?? '');
      button.textContent = button.dataset.copiedLabel ?? button.textContent;
    });
  });
}

confirmForms();
autoSubmit();
copyButtons();
