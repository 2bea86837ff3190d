// Shows and hides a questionnaire page's conditional questions as answers change (progressive
// enhancement: without this script the server decides on the next page load, and drops answers to
// questions that are hidden when the page is saved).
const form = document.querySelector<HTMLFormElement>('[data-questionnaire-form]');

function chosen(questionId: string): string[] {
  if (!form) return [];
  return [...form.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(questionId)}"]`)]
    .filter((i) => (i.type === 'radio' || i.type === 'checkbox' ? i.checked : i.value !== ''))
    .map((i) => i.value);
}

function refresh(): void {
  if (!form) return;
  const conditional = form.querySelectorAll<HTMLFieldSetElement>('[data-show-if]');
  for (const fieldset of conditional) {
    const target = fieldset.dataset.showIf!;
    const targetSet = form.querySelector<HTMLElement>(`[data-question="${CSS.escape(target)}"]`);
    // A condition on a question of another page was decided by the server: leave it as it came.
    if (!targetSet) continue;
    const show = !targetSet.hidden && chosen(target).includes(fieldset.dataset.showEquals ?? '');
    fieldset.hidden = !show;
  }
}

if (form) {
  form.addEventListener('change', refresh);
  refresh();
}
