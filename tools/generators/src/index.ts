// @gongkai/tools, the workspace's local Nx plugin (generators.json): `npx nx g @gongkai/tools:service <name>`.
export { serviceGenerator } from './service/service.generator';
export type { ServiceGeneratorSchema } from './service/schema';
