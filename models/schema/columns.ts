// The `timestamptz` column helper shared by every schema module (not re-exported by models/schema.ts).
import { timestamp } from 'drizzle-orm/pg-core';

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
