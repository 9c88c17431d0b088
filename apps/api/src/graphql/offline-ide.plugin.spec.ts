import type { GraphQLServerContext } from '@apollo/server';
import { describe, expect, it } from '@jest/globals';
import { offlineIdePlugin } from './offline-ide.plugin.js';

async function renderIde(endpoint: string): Promise<string> {
  const plugin = offlineIdePlugin({ endpoint });
  // The plugin reads nothing from the server context.
  const listener = await plugin.serverWillStart?.({} as GraphQLServerContext);
  const page = await listener?.renderLandingPage?.();
  if (!page) throw new Error('the plugin rendered no landing page');
  return typeof page.html === 'string' ? page.html : page.html();
}

describe('offlineIdePlugin', () => {
  it('renders GraphiQL pointed at the endpoint, with every asset inlined', async () => {
    const html = await renderIde('/cascade-test/graphql');

    expect(html).toContain('"endpoint":"/cascade-test/graphql"');
    expect(html).toContain('"method":"POST"');
    expect(html).toContain('<title>Cascade GraphiQL</title>');
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL(');
    expect(html).toContain('graphiql-container');

    // Nowhere, not even inside the inlined JS, does a src/href attribute point off the page.
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*\\?["']?\s*(?:https?:)?\/\//i);

    // The bundle's JS holds URL strings (license headers, docs links, JSON-schema ids), so the
    // script bodies are set aside; everything else (markup and the inlined CSS) has no URL at all.
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^<script>/); // inline, no src
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    expect(markup).not.toMatch(/https?:|\/\/[a-z0-9-]+\./i);
    expect(markup).not.toMatch(/@import/i);
    for (const [, target] of markup.matchAll(/url\(\s*["']?([^"')\s]*)/gi)) {
      expect(target).toMatch(/^data:/);
    }
    for (const [tag] of markup.matchAll(/<link\b[^>]*>/gi)) {
      expect(tag).toMatch(/href="data:/);
    }
    // Monaco's workers are built from inlined source, not fetched.
    expect(html).toContain('URL.createObjectURL(blob)');
  });
});
