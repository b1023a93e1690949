import type { AddressChange, AddressHolder, ExchangeServer, UserDetails, UserSummary } from '../../../shared/model/directory.ts';
import type { TranscriptSink } from '../../../shared/transcript.ts';

export interface DirectoryCallOptions {
  signal?: AbortSignal;
  transcript?: TranscriptSink;
}

/**
 * What the app needs from a directory. The Training directory and the LDAP directory both
 * implement it, so nothing above this interface knows which one it talks to.
 * Failures are thrown as AppError (shared/errors.ts).
 */
export interface Directory {
  /** Shown in the status bar, e.g. "Training directory" or "dc01.corp.example.test (LDAPS)". */
  readonly label: string;
  readonly kind: 'training' | 'ldap';

  /** Ambiguous-name search over name, account, mail and every proxy address; pages arrive as they come. */
  searchUsers(query: string, options?: DirectoryCallOptions & { pageSize?: number }): AsyncIterable<UserSummary[]>;

  /** A user's full address data; throws kind 'notFound' when the DN does not exist. */
  getUser(dn: string, options?: DirectoryCallOptions): Promise<UserDetails>;

  /** Exchange server objects under CN=Microsoft Exchange,CN=Services,CN=Configuration, oldest whenCreated first. */
  listExchangeServers(options?: DirectoryCallOptions): Promise<ExchangeServer[]>;

  /** Forest-wide uniqueness check: every object holding any of these addresses (case- and prefix-insensitive). */
  findAddressHolders(addresses: readonly string[], options?: DirectoryCallOptions): Promise<AddressHolder[]>;

  /**
   * Writes exactly the values in `change` if the stored data still matches `change.expected`;
   * otherwise throws kind 'conflict' with details { current: UserDetails }. Returns what is stored afterwards.
   */
  applyChange(change: AddressChange, options?: DirectoryCallOptions): Promise<UserDetails>;

  close(): Promise<void>;
}
