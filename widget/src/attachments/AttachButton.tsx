import { useContext, useRef } from 'preact/hooks';
import { PaperclipIcon } from '../components/icons';
import { useText } from '../text/text-context';
import { FilesContext } from './files-context';

/** The paperclip: opens the system's file picker (or camera and gallery on a phone). */
export function AttachButton() {
  const { t } = useText();
  const { tray } = useContext(FilesContext);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        class="icon-button attach"
        aria-label={t.attach}
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const el = event.currentTarget;
          tray.add([...(el.files ?? [])]);
          // The same file can be chosen again after removing it.
          el.value = '';
        }}
      />
    </>
  );
}
