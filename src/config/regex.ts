// A case-insensitive regular expression written in sites.json, refused with its path when it does not compile.
import { z } from 'zod';

export const regex = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected a valid regular expression' },
  );
