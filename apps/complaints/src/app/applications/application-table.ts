// The rule lives in the contracts so the annual report (reports) fills the table the same way.
export { applicationTable, type TableApplication } from '@gongkai/contracts';
