// The practice form's "add a row" buttons: each repeatable group (indicators, components, kit,
// links) gets one more empty row, a copy of its last, with the row number in its ids and legend
// moved on. Without this script the form offers a few spare rows, and more after each save.

function renumber(row: HTMLElement, index: number): void {
  for (const el of row.querySelectorAll<HTMLElement>('[id], [for], [aria-describedby]')) {
    for (const attr of ['id', 'for', 'aria-describedby']) {
      const value = el.getAttribute(attr);
      if (value) el.setAttribute(attr, value.replace(/\.\d+\./g, `.${index}.`));
    }
  }
  const legend = row.querySelector('legend');
  if (legend) legend.textContent = (legend.textContent ?? '').replace(/\d+/, String(index + 1));
}

function addRow(group: HTMLElement): void {
  const rows = group.querySelectorAll<HTMLElement>('[data-row]');
  const last = rows[rows.length - 1];
  if (!last) return;
  const row = last.cloneNode(true) as HTMLElement;
  for (const input of row.querySelectorAll<HTMLInputElement>('input')) input.value = '';
  for (const select of row.querySelectorAll<HTMLSelectElement>('select')) select.selectedIndex = 0;
  for (const error of row.querySelectorAll('.invalid-feedback')) error.remove();
  for (const el of row.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  renumber(row, rows.length);
  group.append(row);
  row.querySelector<HTMLElement>('input, select')?.focus();
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-add-row]')) {
  const group = document.querySelector<HTMLElement>(`[data-rows="${button.dataset.addRow}"]`);
  if (!group) continue;
  button.hidden = false;
  button.addEventListener('click', () => addRow(group));
}
