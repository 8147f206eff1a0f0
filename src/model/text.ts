// Small text helpers shared by every layer that writes for a person.

/** The first line of an error's message: Playwright's own messages go on with call logs. */
export const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

/** A server's error text may hold line breaks: a line of a report is one line. */
export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');
