/** The panel's icons: decorative, so hidden from assistive tech (buttons carry the names). */
import type { JSX } from 'preact';

function Icon({ d, class: className }: { d: string; class?: string }): JSX.Element {
  return (
    <svg class={`icon ${className ?? ''}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

export const SendIcon = () => (
  <Icon d="M3.4 20.4 21 12 3.4 3.6a.6.6 0 0 0-.83.72L4.9 11.1a1 1 0 0 0 .76.7L13 12l-7.34.2a1 1 0 0 0-.76.7l-2.33 6.78a.6.6 0 0 0 .83.72Z" />
);

export const MinimizeIcon = () => (
  <Icon d="M6.7 8.3a1 1 0 0 0-1.4 1.4l6 6a1 1 0 0 0 1.4 0l6-6a1 1 0 1 0-1.4-1.4L12 13.6 6.7 8.3Z" />
);

export const CheckIcon = () => (
  <Icon d="M9.5 16.2 5.3 12a1 1 0 1 0-1.4 1.4l4.9 4.9a1 1 0 0 0 1.4 0L20.1 8.4A1 1 0 1 0 18.7 7L9.5 16.2Z" />
);

export const AlertIcon = () => (
  <Icon d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 5a1 1 0 0 1 1 1v5a1 1 0 1 1-2 0V8a1 1 0 0 1 1-1Zm0 10.5a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5Z" />
);

export const MenuIcon = () => (
  <Icon d="M12 7.5a1.75 1.75 0 1 1 0-3.5 1.75 1.75 0 0 1 0 3.5Zm0 6.25a1.75 1.75 0 1 1 0-3.5 1.75 1.75 0 0 1 0 3.5ZM12 20a1.75 1.75 0 1 1 0-3.5 1.75 1.75 0 0 1 0 3.5Z" />
);

export const StarIcon = () => (
  <Icon d="m12 2.8 2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3-4.6-4.4 6.3-.9L12 2.8Z" />
);

export const CloseIcon = () => (
  <Icon d="M6.7 5.3a1 1 0 0 0-1.4 1.4l5.3 5.3-5.3 5.3a1 1 0 1 0 1.4 1.4l5.3-5.3 5.3 5.3a1 1 0 0 0 1.4-1.4L13.4 12l5.3-5.3a1 1 0 0 0-1.4-1.4L12 10.6 6.7 5.3Z" />
);

export const PaperclipIcon = () => (
  <Icon d="M16.5 6v11.5a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6H9v9.5a3 3 0 0 0 6 0V5A4.5 4.5 0 0 0 6 5v12.5a6 6 0 0 0 12 0V6Z" />
);
