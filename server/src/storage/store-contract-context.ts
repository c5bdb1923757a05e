/** What each part of the Store contract suite gets: the store under test, reopening, texts. */
import type { FixtureTexts } from './store-contract-fixtures';
import type { Store } from './store';

/** Handles shared by the contract's parts; getters because the store changes on reopen. */
export interface ContractContext {
  /** The store of the current test. */
  store(): Store;
  /** Closes the current store and opens a new one on the same data. */
  reopen(): Promise<Store>;
  /** The multilingual fixture texts. */
  texts(): FixtureTexts;
}
