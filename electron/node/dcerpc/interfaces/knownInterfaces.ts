// Interface names for transcripts and messages, in the spirit of NetMon's parsers. Only the
// interfaces this product talks to; anything else is "unknown", as NetMon prints it.

export interface KnownInterface {
  uuid: string;
  major: number;
  name: string;
}

export const ENDPOINT_MAPPER = { uuid: 'e1af8308-5d1f-11c9-91a4-08002b14a0fa', major: 3, minor: 0, name: 'Endpoint Mapper' } as const;
/** Exchange System Attendant public interface (the seed's "unknown v16.1" at port 4560). */
export const SYSTEM_ATTENDANT = { uuid: '469d6ec0-0d87-11ce-b13f-00aa003bac6c', major: 16, minor: 1, name: 'System Attendant' } as const;
export const SYSTEM_ATTENDANT_PRIVATE = { uuid: '83d72bf0-0d89-11ce-b13f-00aa003bac6c', major: 6, minor: 0, name: 'System Attendant Private' } as const;
export const DRSUAPI = { uuid: 'e3514235-4b06-11d1-ab04-00c04fc2dcd2', major: 4, minor: 0, name: 'drsuapi' } as const;
export const SVCCTL = { uuid: '367abb81-9844-35f1-ad32-98f038001003', major: 2, minor: 0, name: 'svcctl' } as const;

const known: readonly KnownInterface[] = [ENDPOINT_MAPPER, SYSTEM_ATTENDANT, SYSTEM_ATTENDANT_PRIVATE, DRSUAPI, SVCCTL];

/** The interface's short name, or undefined when it is not one we know. */
export function interfaceName(uuid: string): string | undefined {
  const lower = uuid.toLowerCase();
  return known.find((k) => k.uuid === lower)?.name;
}
