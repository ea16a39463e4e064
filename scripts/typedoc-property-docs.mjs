// TypeDoc plugin: every property of an exported interface or class must carry a doc comment.
//
// TypeDoc's own `requiredToBeDocumented: ["Property"]` also covers the fields of inline object types
// (schema rows, `toJSON()` shapes, distribution-parameter unions), which are documented by the type's
// own comment; requiring those would mean splitting one-line types. This check looks only at members
// whose parent is an interface or a class, which is what a reader browses in the reference.
import { Application, ReflectionKind } from 'typedoc';

/** @param {Application} app */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Property)) {
      const parent = reflection.parent;
      if (!parent?.kindOf(ReflectionKind.Interface | ReflectionKind.Class)) continue;
      // An inherited member is documented (or reported) where it is declared.
      if (reflection.inheritedFrom) continue;
      if (!reflection.hasComment())
        app.logger.warn(`${reflection.getFriendlyFullName()} (a property) does not have any documentation`);
    }
  });
}
