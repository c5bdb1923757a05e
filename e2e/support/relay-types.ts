/**
 * The relay's response types, from shared/'s public index (e2e cannot list @parley/shared as a
 * dependency, so the path is relative; the import is types only and vanishes at run time).
 */
export type {
  Agent,
  ConversationDetail,
  ConversationList,
  LoginResponse,
  Message,
  Report,
  Site,
} from '../../shared/src/index';
