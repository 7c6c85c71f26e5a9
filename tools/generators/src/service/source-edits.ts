import type { Tree } from '@nx/devkit';
import * as ts from 'typescript';

/**
 * Small, idempotent edits of TypeScript/JavaScript sources in the tree, found through the
 * TypeScript AST rather than by matching text, so a formatting change does not break them.
 * Each returns false when there was nothing to do (the entry is already there); formatFiles
 * reflows what they insert.
 */

function read(tree: Tree, path: string): string {
  const content = tree.read(path, 'utf8');
  if (content === null) throw new Error(`${path} is missing`);
  return content;
}

function parse(path: string, content: string): ts.SourceFile {
  const kind = /\.[cm]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(path, content, ts.ScriptTarget.Latest, true, kind);
}

function insertAt(tree: Tree, path: string, content: string, position: number, text: string): void {
  tree.write(path, content.slice(0, position) + text + content.slice(position));
}

function find<T extends ts.Node>(node: ts.Node, match: (node: ts.Node) => node is T): T[] {
  const found: T[] = [];
  const visit = (child: ts.Node) => {
    if (match(child)) found.push(child);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** The initializer of `const <name> = …`, without any `as const` / `satisfies`. */
function initializerOf(source: ts.SourceFile, path: string, name: string): ts.Expression {
  const declaration = find(source, ts.isVariableDeclaration).find(
    (candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name,
  );
  let initializer = declaration?.initializer;
  while (initializer && (ts.isAsExpression(initializer) || ts.isSatisfiesExpression(initializer)))
    initializer = initializer.expression;
  if (!initializer) throw new Error(`${path} declares no const ${name}`);
  return initializer;
}

function appendToList(
  tree: Tree,
  path: string,
  content: string,
  list: ts.NodeArray<ts.Node>,
  closing: number,
  text: string,
): void {
  const last = list[list.length - 1];
  if (last) insertAt(tree, path, content, last.end, `, ${text}`);
  else insertAt(tree, path, content, closing, text);
}

/**
 * Adds `element` (source text, e.g. `'rounds'`) to the array `const <name> = [ … ]`, unless an
 * element with that exact text is there.
 */
export function addToArray(tree: Tree, path: string, name: string, element: string): boolean {
  const content = read(tree, path);
  const array = initializerOf(parse(path, content), path, name);
  if (!ts.isArrayLiteralExpression(array)) throw new Error(`${name} in ${path} is not an array literal`);
  if (array.elements.some((existing) => existing.getText() === element)) return false;
  appendToList(tree, path, content, array.elements, array.getEnd() - 1, element);
  return true;
}

/** Adds `key: value` to the object `const <name> = { … }`, unless it has a property `key`. */
export function addToObject(tree: Tree, path: string, name: string, key: string, value: string): boolean {
  const content = read(tree, path);
  const object = initializerOf(parse(path, content), path, name);
  if (!ts.isObjectLiteralExpression(object)) throw new Error(`${name} in ${path} is not an object literal`);
  const has = object.properties.some(
    (property) =>
      property.name &&
      (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
      property.name.text === key,
  );
  if (has) return false;
  appendToList(tree, path, content, object.properties, object.getEnd() - 1, `${key}: ${value}`);
  return true;
}

/**
 * Adds `element` to the one array assigned to a property `<property>:` in the file (e.g. the
 * `imports:` of a module's `forRoot`), unless it is there.
 */
export function addToPropertyArray(tree: Tree, path: string, property: string, element: string): boolean {
  const content = read(tree, path);
  const arrays = find(parse(path, content), ts.isPropertyAssignment)
    .filter((assignment) => ts.isIdentifier(assignment.name) && assignment.name.text === property)
    .map((assignment) => assignment.initializer)
    .filter(ts.isArrayLiteralExpression);
  const [array, ...others] = arrays;
  if (!array || others.length > 0)
    throw new Error(`${path} must have exactly one \`${property}: [ … ]\`; found ${arrays.length}`);
  if (array.elements.some((existing) => existing.getText() === element)) return false;
  appendToList(tree, path, content, array.elements, array.getEnd() - 1, element);
  return true;
}

/** Adds `import { <names> } from '<from>';` after the last import, unless the file imports from there. */
export function addImport(tree: Tree, path: string, names: string, from: string): boolean {
  const content = read(tree, path);
  const imports = parse(path, content).statements.filter(ts.isImportDeclaration);
  const already = imports.some(
    (declaration) =>
      ts.isStringLiteral(declaration.moduleSpecifier) && declaration.moduleSpecifier.text === from,
  );
  if (already) return false;
  const after = imports[imports.length - 1]?.end ?? 0;
  insertAt(
    tree,
    path,
    content,
    after,
    `${after ? '\n' : ''}import { ${names} } from '${from}';${after ? '' : '\n'}`,
  );
  return true;
}

/** Appends `line` to a file unless a line equal to it is there. */
export function addLine(tree: Tree, path: string, line: string): boolean {
  const content = read(tree, path);
  if (content.split('\n').some((existing) => existing.trim() === line.trim())) return false;
  tree.write(path, `${content.replace(/\n*$/, '\n')}${line}\n`);
  return true;
}
