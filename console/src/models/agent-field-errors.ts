import type { RequestError } from '../api/request-error';
import { fieldErrorOf, type FieldError, type FieldTable } from './field-errors';

/** The parts of the agent form an error can be shown next to. */
export type AgentField = 'name' | 'email' | 'password' | 'capacity' | 'siteIds';

const BY_PATH: FieldTable<AgentField> = [
  ['name', 'name', 'Name: give a name of up to 100 characters.'],
  ['email', 'email', 'Email address: write a full address, such as mai@shop.example.'],
  ['password', 'password', 'Password: use at least 8 characters.'],
  ['capacity', 'capacity', 'Capacity: a whole number of chats from 1 to 100.'],
  ['siteIds', 'siteIds', 'Sites served: choose among the sites listed.'],
];

/** The field of the agent form a refused save is about, if any. */
export function agentFieldError(error: RequestError | null): FieldError<AgentField> | null {
  if (error?.code === 'EMAIL_TAKEN')
    return { field: 'email', text: 'Email address: another account already uses it.' };
  return fieldErrorOf(error, BY_PATH);
}
