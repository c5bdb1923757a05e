import type { Chat } from '../models/chat';
import type { Store } from '../models/store';
import { TextContext, type TextState } from '../text/text-context';
import { Panel } from './Panel';
import { useStore } from './use-store';

interface Props {
  chat: Chat;
  text: Store<TextState>;
  soundAllowed: boolean;
  onMinimize: () => void;
  onChooseLocale: (code: string) => void;
}

/** The panel, in the chosen language, while the chat is open. */
export function App({ chat, text, ...panel }: Props) {
  const state = useStore(chat.store);
  const language = useStore(text);
  return (
    <TextContext.Provider value={language}>
      {state.open && <Panel chat={chat} {...panel} />}
    </TextContext.Provider>
  );
}
