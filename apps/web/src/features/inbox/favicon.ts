/** The tab's icon with the inbox count on it (the plain icon when nothing waits). */
const BASE = '/icon.svg';

function iconLink(): HTMLLinkElement {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.appendChild(link);
  }
  return link;
}

export function setFaviconCount(count: number): void {
  const link = iconLink();
  link.dataset.count = String(count);
  if (count === 0) {
    link.href = BASE;
    return;
  }
  const image = new Image();
  image.onload = () => {
    // A newer count may have been set while the image loaded.
    if (link.dataset.count !== String(count)) return;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 64;
    const g = canvas.getContext('2d');
    if (!g) return;
    g.drawImage(image, 0, 0, 64, 64);
    g.fillStyle = '#dc2626';
    g.beginPath();
    g.arc(44, 20, 20, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#fff';
    g.font = 'bold 26px sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(count > 9 ? '9+' : String(count), 44, 21);
    link.href = canvas.toDataURL('image/png');
  };
  image.src = BASE;
}
