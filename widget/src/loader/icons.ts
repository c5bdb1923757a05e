/** SVG icons built with DOM calls: no innerHTML, so Trusted Types policies are not involved. */
const SVG_NS = 'http://www.w3.org/2000/svg';

/** A 24×24 icon drawn from path data, hidden from assistive tech. */
export function icon(doc: Document, className: string, paths: readonly string[]): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  for (const d of paths) {
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}

/** A speech bubble. */
export const CHAT_ICON = [
  'M12 3C6.9 3 3 6.6 3 11c0 2.3 1.1 4.4 2.9 5.9-.2 1.3-.8 2.6-1.8 3.6-.2.2 0 .6.3.6 2.1-.1 3.9-.9 5.2-1.8.8.2 1.6.3 2.4.3 5.1 0 9-3.6 9-8s-3.9-8.6-9-8.6Z',
];

/** A chevron pointing down: "put the chat away". */
export const CLOSE_ICON = [
  'M6.7 8.3a1 1 0 0 0-1.4 1.4l6 6a1 1 0 0 0 1.4 0l6-6a1 1 0 1 0-1.4-1.4L12 13.6 6.7 8.3Z',
];
