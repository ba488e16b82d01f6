// The contact model: an account's person, keyed by E.164 number.

/** A custom attribute's value: typed on use (a segment compares numbers as numbers, strings as strings). */
export type AttributeValue = string | number | boolean | null;
export type Attributes = Record<string, AttributeValue>;

export interface Contact {
  id: string;
  accountId: string;
  phone: string;
  name: string | null;
  timeZone: string | null;
  locale: string | null;
  tags: string[];
  attributes: Attributes;
  /** Ids of the lists the contact is a member of (filled where the caller asks for them). */
  lists: string[];
  createdAt: number;
  updatedAt: number;
}

/** What a create/upsert or an update sets; a field left out keeps its value (null clears it). */
export interface ContactFields {
  name?: string | null;
  timeZone?: string | null;
  locale?: string | null;
  tags?: string[];
  attributes?: Attributes;
}

export interface ContactInput extends ContactFields {
  phone: string;
  /** ISO 3166-1 alpha-2: how a number without + is read (default US). */
  defaultCountry?: string;
  /** List ids to add the contact to. */
  lists?: string[];
}

export interface ContactList {
  id: string;
  accountId: string;
  name: string;
  description: string | null;
  memberCount: number;
  createdAt: number;
  updatedAt: number;
}
