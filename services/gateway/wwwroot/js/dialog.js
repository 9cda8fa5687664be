// A modal confirmation (native <dialog>: focus trapped, Escape cancels).
const dialog = () => document.getElementById('confirm-dialog');

export function confirmDialog(title, text, confirmLabel = 'Delete permanently') {
  const box = dialog();
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  box.returnValue = 'cancel';
  return new Promise(resolve => {
    box.addEventListener('close', () => resolve(box.returnValue === 'confirm'), { once: true });
    box.showModal();
  });
}
