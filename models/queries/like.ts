// Text search by substring with LIKE/ILIKE: the user's text is matched literally.

/** A LIKE pattern matching values that contain `text`, with its own % _ and \ taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
