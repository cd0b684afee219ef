import type { ComponentType } from 'react';

/**
 * The component a docs page documents, when its stories render a demo around it (the demo builds
 * what the component is given, such as a live classifier, and adds settings of its own): the
 * page's props table then shows the real component's props and JSDoc, and Controls the demo's
 * args. Only a type changes.
 */
export function documents<DemoArgs>(component: ComponentType<never>): ComponentType<DemoArgs> {
  return component as unknown as ComponentType<DemoArgs>;
}
