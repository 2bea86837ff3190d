// zod in, field errors out: every input passes through parseInput, and every issue becomes a
// translated message naming its field.
import { z } from 'zod';
import { type FieldErrors, ValidationError } from './errors.ts';
import { parseDateTime } from './time.ts';

/** Message key helper for schemas: z.string().min(2, msg('name_short')). */
export const msg = (key: string) => ({ error: `v.${key}` });

function issueToMessage(issue: z.core.$ZodIssue): FieldErrors[string] {
  if (issue.message.startsWith('v.')) return { key: `validation.${issue.message.slice(2)}` };
  const i = issue as unknown as Record<string, unknown>;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? { key: 'validation.required' }
        : { key: 'validation.too_small', params: { min: i.minimum } };
    case 'too_big':
      return { key: 'validation.too_big', params: { max: i.maximum } };
    case 'invalid_type':
      return { key: i.input === undefined ? 'validation.required' : 'validation.invalid_type' };
    case 'invalid_value':
      return { key: 'validation.invalid_value' };
    case 'invalid_format':
      return { key: i.format === 'email' ? 'validation.email' : 'validation.invalid_format' };
    case 'unrecognized_keys':
      return { key: 'validation.unknown_field' };
    default:
      return { key: 'validation.invalid' };
  }
}

export function zodToFields(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.length ? issue.path.join('.') : '_';
    fields[name] ??= issueToMessage(issue);
  }
  return fields;
}

/** Parses input with a schema, or throws a ValidationError that names each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new ValidationError(zodToFields(result.error));
  return result.data;
}

/** Trimmed text, with empty strings treated as absent for optional fields. */
export const text = (max: number) => z.string().trim().max(max);
export const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max).optional(),
  );

/** A date and time (see parseDateTime), parsed to the instant. */
export const dateTime = z
  .string(msg('required'))
  .trim()
  .min(1, msg('required'))
  .refine((s) => parseDateTime(s) !== null, msg('datetime'))
  .transform((s) => parseDateTime(s)!);
