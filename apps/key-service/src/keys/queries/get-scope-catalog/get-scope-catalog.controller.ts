import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RESOURCE_KINDS, RESOURCE_PATTERN, SCOPE_CATALOG, SCOPE_PRESETS } from '@pxxl/contracts';

/** The catalog is static, public data: what a key can be granted, how to write it, and the presets. */
const CATALOG_DOCUMENT = {
  grammar: {
    syntax: ['area:action', 'area:action:<resource>'],
    resourcePattern: RESOURCE_PATTERN.source,
    resourceKinds: RESOURCE_KINDS,
    matching: [
      'a grant satisfies the same scope exactly',
      'an unscoped grant (cdn:upload) satisfies every resource of its kind (cdn:upload:web, cdn:upload:docs)',
      'a resource-scoped grant (cdn:upload:web) satisfies that resource only, never the unscoped requirement',
      'no action implies another: projects:write does not satisfy projects:read',
    ],
    docs: 'docs/scopes.md',
  },
  scopes: SCOPE_CATALOG,
  presets: SCOPE_PRESETS,
};

@ApiTags('scopes')
@Controller('v1/scopes')
export class GetScopeCatalogController {
  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ operationId: 'ScopesController_catalog', summary: 'The scope catalog, its grammar and matching rules, and the presets (no authentication)' })
  @ApiResponse({ status: 200, description: '{grammar, scopes: [{name, area, action, description, resource}], presets: [{name, title, description, scopes, resource, rateLimit}]}' })
  catalog() {
    return CATALOG_DOCUMENT;
  }
}
