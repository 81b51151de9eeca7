/** The two languages of every user-facing sentence: Vietnamese (the default) and English. */
export type Lang = 'vi' | 'en';
