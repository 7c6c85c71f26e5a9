/** The options of `nx g @gongkai/tools:service` (schema.json). */
export interface ServiceGeneratorSchema {
  name: string;
  example?: boolean;
  events?: boolean;
  departmentProjection?: boolean;
  overwrite?: boolean;
  skipFormat?: boolean;
}

/** The options once checked, with the names the templates use. */
export interface ServiceOptions {
  /** `applications` */
  name: string;
  /** `Applications`: ApplicationsRpc, ApplicationsTx, … */
  className: string;
  /** `APPLICATIONS`: the stream name and the <NAME>_DATABASE_URL prefix. */
  constantName: string;
  example: boolean;
  events: boolean;
  departmentProjection: boolean;
  skipFormat: boolean;
  /** Files written in libs/contracts/src/<name>/ (without .ts), exported from the barrel. */
  contractFiles: string[];
}
