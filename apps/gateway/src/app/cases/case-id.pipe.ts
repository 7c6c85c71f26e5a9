import { CatalogueIdPipe } from '../catalogue/catalogue-id.pipe';

/** `@Param('caseId', caseIdPipe)`: a UUID in the path, else 400 located there. */
export const caseIdPipe = new CatalogueIdPipe('caseId');
