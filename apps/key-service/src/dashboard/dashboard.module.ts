import { Module, type DynamicModule } from '@nestjs/common';
import { AssetsController } from './http/assets.controller';
import { KeysPagesController } from './http/keys-pages.controller';
import { ReviewPageController } from './http/review-page.controller';
import { ReviewsPagesController } from './http/reviews-pages.controller';
import { SignInController } from './http/sign-in.controller';
import { DashboardSessionGuard } from './http/dashboard-session.guard';
import { HttpAuditReader } from './infrastructure/http-audit-reader';
import { MongoSessionStore } from './infrastructure/mongo-session-store';
import { AUDIT_READER } from './ports/audit-reader.port';
import { SESSION_STORE } from './ports/session-store.port';
import { DashboardSessions } from './sessions/dashboard-sessions';
import { DASHBOARD_SETTINGS, type DashboardSettings } from './sessions/dashboard-settings';

/**
 * Dashboard > API Keys in the browser (docs/dashboard.md): server-rendered
 * pages over the same commands and queries as the management API, with
 * server-side sessions. Uses the keys module's buses, verifier and clock.
 */
@Module({})
export class DashboardModule {
  static register(settings: DashboardSettings): DynamicModule {
    return {
      module: DashboardModule,
      controllers: [SignInController, KeysPagesController, ReviewPageController, ReviewsPagesController, AssetsController],
      providers: [
        { provide: DASHBOARD_SETTINGS, useValue: settings },
        { provide: SESSION_STORE, useClass: MongoSessionStore },
        { provide: AUDIT_READER, useClass: HttpAuditReader },
        DashboardSessions,
        DashboardSessionGuard,
      ],
    };
  }
}
