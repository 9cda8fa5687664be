// Compare: faceCompare on two photos, with the score against the gateway's threshold.
import { post } from './api.js';
import { fixed, percent } from './format.js';
import { mountPicker, showImage, toBase64 } from './picker.js';
import { describe } from './problems.js';

const $ = id => document.getElementById(id);

const photos = [null, null];

export function initCompare() {
  for (const n of [1, 2]) {
    mountPicker($(`compare-picker-${n}`), `compare-photo-${n}`, n === 1 ? 'First photo' : 'Second photo', async file => {
      photos[n - 1] = file;
      $('compare-result').hidden = true;
      await showImage($(`compare-image-${n}`), file);
    });
  }
  $('compare-submit').addEventListener('click', compare);
}

async function compare() {
  const message = $('compare-message');
  if (!photos[0] || !photos[1]) {
    message.textContent = 'Choose two photos first.';
    return;
  }
  $('compare-result').hidden = true;
  message.textContent = 'Comparing…';
  try {
    const [image1, image2] = await Promise.all(photos.map(toBase64));
    const result = await post('/api/v1/faces/faceCompare', { image1, image2 });
    message.textContent = '';
    const verdict = $('compare-verdict');
    verdict.textContent = result.match ? 'Match: the same person' : 'No match: different people';
    verdict.className = `verdict ${result.match ? 'match' : 'no-match'}`;
    $('compare-confidence').textContent = percent(result.confidence);
    $('compare-threshold').textContent = result.threshold == null ? 'not reported' : percent(result.threshold);
    $('compare-cosine').textContent = result.cosine == null ? '–' : fixed(result.cosine, 3);
    $('compare-fill').style.width = `${Math.max(0, Math.min(1, result.confidence)) * 100}%`;
    $('compare-fill').classList.toggle('match', result.match);
    $('compare-threshold-mark').hidden = result.threshold == null;
    $('compare-threshold-mark').style.left = `${(result.threshold ?? 0) * 100}%`;
    $('compare-result').hidden = false;
  } catch (error) {
    message.textContent = describe(error);
  }
}
