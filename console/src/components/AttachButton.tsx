import type { AttachmentSettings } from '@parley/shared';
import { useRef } from 'preact/hooks';
import { acceptAttribute } from '../models/attachment-rules';

/** The paperclip: opens the file picker for the kinds the site accepts. */
export function AttachButton(props: {
  settings: AttachmentSettings;
  onFiles: (files: File[]) => void;
}) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        class="icon-button attach-button"
        aria-label="Attach files"
        title="Attach files"
        onClick={() => picker.current?.click()}
      >
        <PaperclipIcon />
      </button>
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        accept={acceptAttribute(props.settings.allowedKinds)}
        onChange={(event) => {
          const input = event.currentTarget;
          props.onFiles(Array.from(input.files ?? []));
          // Choosing the same file again (after removing it) must fire change again.
          input.value = '';
        }}
      />
    </>
  );
}

function PaperclipIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linecap="round"
        d="M13.5 7.5 8 13a3.5 3.5 0 0 1-5-5l5.8-5.8a2.3 2.3 0 0 1 3.3 3.3L6.3 11.3a1.2 1.2 0 0 1-1.6-1.6L10 4.4"
      />
    </svg>
  );
}
