import type { ComponentType } from 'react';
import { Markdown } from '@storybook/addon-docs/blocks';
import { cleanDescription, cleanType } from '../../.storybook/docsText';

interface DocgenProp {
  name: string;
  description?: string;
  type?: { name?: string; raw?: string };
}

/**
 * A hook's result as a table of name, type and meaning, from the JSDoc of its result type (read
 * by the same docgen as the options tables, through a documentation-only component whose props
 * are that type). No default column: a result has none.
 */
export function ResultTable({ of }: { of: ComponentType<never> }) {
  const props = (of as { __docgenInfo?: { props?: Record<string, DocgenProp> } }).__docgenInfo?.props ?? {};
  const rows = Object.values(props).sort((a, b) => Number(isAction(a)) - Number(isAction(b)));
  return (
    <table data-testid="result-table" style={{ width: '100%' }}>
      <thead>
        <tr>
          <th style={{ textAlign: 'left' }}>Name</th>
          <th style={{ textAlign: 'left' }}>Type</th>
          <th style={{ textAlign: 'left' }}>Meaning</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((prop) => (
          <tr key={prop.name}>
            <td>
              <code>{prop.name}</code>
            </td>
            <td>
              <code>{cleanType(prop.type?.raw ?? prop.type?.name ?? '')}</code>
            </td>
            <td>
              <Markdown>{cleanDescription(prop.description ?? '')}</Markdown>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Functions (actions, callbacks) after the values. */
function isAction(prop: DocgenProp): boolean {
  return /=>/.test(prop.type?.raw ?? prop.type?.name ?? '');
}
