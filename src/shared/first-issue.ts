/** A zod failure as one readable line (errors cross the UI and the CLI as one line each). */
import type { z } from 'zod';

export function firstIssue(error: z.ZodError): string {
  const [issue] = error.issues;
  if (!issue) return 'it does not match the format';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${issue.path.length > 0 ? issue.path.join('.') : 'the document'}: ${issue.message}${more}`;
}
