import { FilesContext, type Files } from '../attachments/files-context';
import type { Chat } from '../models/chat';
import type { Store } from '../models/store';
import { useContext } from 'preact/hooks';
import { TextContext, type TextState } from '../text/text-context';
import { Panel } from './Panel';
import { useStore } from './use-store';

interface Props {
  chat: Chat;
  text: Store<TextState>;
  /** Without it (tests of the rest of the panel), no files can be sent. */
  files?: Files;
  soundAllowed: boolean;
  onMinimize: () => void;
  onChooseLocale: (code: string) => void;
}

/** The panel, in the chosen language, while the chat is open. */
export function App({ chat, text, files, ...panel }: Props) {
  const state = useStore(chat.store);
  const language = useStore(text);
  const noFiles = useContext(FilesContext);
  return (
    <TextContext.Provider value={language}>
      <FilesContext.Provider value={files ?? noFiles}>
        {state.open && <Panel chat={chat} {...panel} />}
      </FilesContext.Provider>
    </TextContext.Provider>
  );
}
