import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { loadGatewayConfig } from '@gongkai/config';
import * as contracts from '@gongkai/contracts';
import * as ts from 'typescript';
import { AppModule } from '../app.module';
import { RPC_ROUTE, type RpcRouteMetadata } from '../http/rpc-route';
import { ACTION, type RouteAction } from './auth.decorators';

/**
 * A route with `departmentFrom: 'service'` is let through by the gateway undecided: only the
 * owning service knows the department, so its handler must decide before acting. This spec holds
 * the two sides together: it enumerates the gateway's routes (from the AppModule's controllers)
 * and, in the owning service's sources (`apps/<service>/src`, read as text: apps never import
 * each other), finds the `@RpcHandler` of each route's definition and requires it to carry
 * `@DecidesPermission()` from @gongkai/decisions. The reverse holds too: a marked handler answers
 * such a route, so the marks stay a true list.
 */

const ROOT = join(__dirname, '..', '..', '..', '..', '..');

interface ServiceDecidedRoute {
  route: string;
  definition: RpcRouteMetadata['definition'] | undefined;
}

type ModuleRef = Type<unknown> | DynamicModule;

function controllersOf(module: ModuleRef, seen = new Set<unknown>()): Type<unknown>[] {
  const type = 'module' in module ? module.module : module;
  if (seen.has(module)) return [];
  seen.add(module);
  const dynamic: Partial<DynamicModule> = 'module' in module ? module : {};
  const imports = [
    ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as ModuleRef[] | undefined) ?? []),
    ...(dynamic.imports ?? []),
  ].filter((imported): imported is ModuleRef => typeof imported === 'function' || 'module' in imported);
  return [
    ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) as Type<unknown>[] | undefined) ?? []),
    ...(dynamic.controllers ?? []),
    ...imports.flatMap((imported) => controllersOf(imported, seen)),
  ];
}

/** Every gateway route whose department comes from the service, with the definition it forwards to. */
function serviceDecidedRoutes(): ServiceDecidedRoute[] {
  const routes: ServiceDecidedRoute[] = [];
  for (const controller of controllersOf(AppModule.forRoot(loadGatewayConfig({})))) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const access = Reflect.getMetadata(ACTION, handler) as RouteAction | undefined;
      if (access?.departmentFrom !== 'service') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const path = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      routes.push({
        route: `${RequestMethod[method]} /${[base, path].filter((part) => part && part !== '/').join('/')} (${controller.name}.${name})`,
        definition: (Reflect.getMetadata(RPC_ROUTE, handler) as RpcRouteMetadata | undefined)?.definition,
      });
    }
  }
  return routes;
}

interface ServiceHandler {
  subject: string;
  where: string;
  decides: boolean;
}

function sourceFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFilesIn(path);
    return entry.name.endsWith('.ts') && !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** The names a file imports from a module: local name → exported name. */
function importsFrom(source: ts.SourceFile, module: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== module) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      names.set(element.name.text, (element.propertyName ?? element.name).text);
    }
  }
  return names;
}

/** The value of `CatalogueRpc.updateItem` (an import from @gongkai/contracts, then properties). */
function contractValueOf(expression: ts.Expression, fromContracts: Map<string, string>): unknown {
  if (ts.isIdentifier(expression)) {
    const exported = fromContracts.get(expression.text);
    return exported === undefined ? undefined : (contracts as Record<string, unknown>)[exported];
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const owner = contractValueOf(expression.expression, fromContracts) as
      | Record<string, unknown>
      | undefined;
    return owner?.[expression.name.text];
  }
  return undefined;
}

function decoratorName(decorator: ts.Decorator): string | undefined {
  const call = decorator.expression;
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? call.expression.text : undefined;
}

/** Every `@RpcHandler` method in a service's sources, and whether it is marked `@DecidesPermission()`. */
function handlersOf(service: string): ServiceHandler[] {
  const handlers: ServiceHandler[] = [];
  for (const file of sourceFilesIn(join(ROOT, 'apps', service, 'src'))) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('@RpcHandler(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const fromContracts = importsFrom(source, '@gongkai/contracts');
    const fromDecisions = importsFrom(source, '@gongkai/decisions');
    const visit = (node: ts.Node): void => {
      if (ts.isMethodDeclaration(node)) {
        const decorators = ts.getDecorators(node) ?? [];
        const rpcHandler = decorators.find((decorator) => decoratorName(decorator) === 'RpcHandler');
        if (rpcHandler && ts.isCallExpression(rpcHandler.expression)) {
          const where = `${relative(ROOT, file)} ${node.name.getText(source)}`;
          const argument = rpcHandler.expression.arguments[0];
          const definition = argument && contractValueOf(argument, fromContracts);
          const subject = (definition as { subject?: unknown } | undefined)?.subject;
          if (typeof subject !== 'string') {
            throw new Error(
              `${where}: cannot read the definition of @RpcHandler(${argument?.getText(source)}); name it from @gongkai/contracts`,
            );
          }
          handlers.push({
            subject,
            where,
            decides: decorators.some(
              (decorator) => fromDecisions.get(decoratorName(decorator) ?? '') === 'DecidesPermission',
            ),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return handlers;
}

const ownerOf = (subject: string) => subject.split('.')[0] ?? subject;

describe("gateway routes whose department comes from the service: the service's handler decides", () => {
  const routes = serviceDecidedRoutes();
  const services = readdirSync(join(ROOT, 'apps')).filter((app) => app !== 'gateway');
  const handlers = new Map(services.map((service) => [service, handlersOf(service)]));

  it('finds such routes, each declared with @RpcRoute so its definition names the owning service', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((route) => !route.definition).map((route) => route.route)).toEqual([]);
  });

  it.each(routes.filter((route) => route.definition).map((route) => [route.route, route] as const))(
    '%s',
    (_route, { definition }) => {
      const subject = (definition as { subject: string }).subject;
      const answering = (handlers.get(ownerOf(subject)) ?? []).filter(
        (handler) => handler.subject === subject,
      );
      expect(answering.map((handler) => handler.where)).toHaveLength(1);
      // Missing: the handler must ask DecisionClient (or, in permissions, the decision rule) and say so.
      expect(answering.filter((handler) => !handler.decides).map((handler) => handler.where)).toEqual([]);
    },
  );

  it('marks no handler @DecidesPermission whose route the gateway decides itself', () => {
    const serviceDecided = new Set(routes.map((route) => route.definition?.subject));
    const marked = [...handlers.values()].flat().filter((handler) => handler.decides);
    expect(marked.length).toBeGreaterThan(0);
    expect(
      marked.filter((handler) => !serviceDecided.has(handler.subject)).map((handler) => handler.where),
    ).toEqual([]);
  });
});
