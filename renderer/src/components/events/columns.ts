/** Column layout shared by the event list's header and rows (a CSS grid template). */
export const EVENT_COLUMNS = '76px 46px 68px 84px 58px 142px minmax(0, 1fr)';

/** The fixed height of one row, in pixels (the list is virtualized on it). */
export const ROW_HEIGHT = 26;
