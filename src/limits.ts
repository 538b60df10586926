/** Messages longer than this are refused politely instead of searched: no question needs more. */
export const MAX_QUESTION_LENGTH = 1000;
/** Questions a person may ask per minute on a chat platform, unless configured otherwise. */
export const DEFAULT_QUESTIONS_PER_MINUTE = 10;
