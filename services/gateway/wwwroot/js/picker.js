// A photo source: a file input, a drop zone, and the webcam where the browser offers one.
import { el } from './format.js';

/** Mounts a picker into container; onPick(file) is called with each chosen photo. */
export function mountPicker(container, id, label, onPick) {
  const input = el('input', { type: 'file', id: `${id}-file`, accept: 'image/*' });
  const cameraButton = el('button', { type: 'button', id: `${id}-camera`, hidden: true }, 'Take a photo');
  const video = el('video', { autoplay: true, playsInline: true, muted: true, 'aria-label': 'Camera preview' });
  const capture = el('button', { type: 'button', className: 'primary' }, 'Capture');
  const cancel = el('button', { type: 'button' }, 'Cancel');
  const cameraPanel = el('div', { className: 'camera-panel', hidden: true }, video, el('div', { className: 'row' }, capture, cancel));
  const drop = el('div', { className: 'drop-zone' },
    el('label', { htmlFor: input.id }, label), input,
    el('span', { className: 'muted' }, 'or drop a photo here'), cameraButton);
  container.classList.add('picker');
  container.replaceChildren(drop, cameraPanel);

  let stream = null;
  const stopCamera = () => {
    stream?.getTracks().forEach(t => t.stop());
    stream = null;
    cameraPanel.hidden = true;
  };

  input.addEventListener('change', () => {
    if (input.files?.[0]) {
      onPick(input.files[0]);
    }
  });
  drop.addEventListener('dragover', event => {
    event.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', event => {
    event.preventDefault();
    drop.classList.remove('dragging');
    const file = [...(event.dataTransfer?.files ?? [])].find(f => f.type.startsWith('image/'));
    if (file && !input.matches(':disabled')) {
      onPick(file);
    }
  });

  // getUserMedia exists only in secure contexts (the gateway serves HTTPS) of browsers that have it.
  if (navigator.mediaDevices?.getUserMedia) {
    cameraButton.hidden = false;
    cameraButton.addEventListener('click', async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: true });
        video.srcObject = stream;
        cameraPanel.hidden = false;
        capture.focus();
      } catch (error) {
        cameraButton.textContent = `Camera unavailable (${error.name})`;
        cameraButton.disabled = true;
      }
    });
    capture.addEventListener('click', () => {
      const canvas = el('canvas', { width: video.videoWidth, height: video.videoHeight });
      canvas.getContext('2d').drawImage(video, 0, 0);
      canvas.toBlob(blob => {
        stopCamera();
        if (blob) {
          onPick(new File([blob], 'camera.jpg', { type: 'image/jpeg' }));
        }
      }, 'image/jpeg', 0.92);
    });
    cancel.addEventListener('click', stopCamera);
  }
}

/** The file's bytes as base64, as the REST contract carries images. */
export function toBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Shows the file in an img element and resolves once it has decoded (natural size known). */
export function showImage(img, file) {
  if (img.dataset.url) {
    URL.revokeObjectURL(img.dataset.url);
  }
  img.dataset.url = URL.createObjectURL(file);
  img.src = img.dataset.url;
  img.hidden = false;
  return img.decode().catch(() => undefined);
}
