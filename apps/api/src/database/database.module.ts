import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

/** The API's connection pool, as its own non-owner role: row-level security applies to every query. */
@Module({})
export class DatabaseModule {
  static forRoot(appUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: appUrl,
          synchronize: false,
          migrationsRun: false,
          entities: [],
          logging: false,
          extra: { max: 20, application_name: 'fieldbook-api' },
        }),
      ],
    };
  }
}
