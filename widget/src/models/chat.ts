import { ChatModel, type ChatModelDeps } from './chat-model';
import type { ChatState } from './chat-state';
import { Forms } from './forms';
import { Sender } from './sender';
import type { Store } from './store';

/** One visitor's chat: its state and every action the panel can take. */
export interface Chat {
  store: Store<ChatState>;
  model: ChatModel;
  sender: Sender;
  forms: Forms;
}

/** Builds the chat's model and actions around one transport. */
export function createChat(deps: ChatModelDeps): Chat {
  const model = new ChatModel(deps);
  return {
    store: model.store,
    model,
    sender: new Sender(model, deps.transport),
    forms: new Forms(model, deps.transport, deps.storage),
  };
}
