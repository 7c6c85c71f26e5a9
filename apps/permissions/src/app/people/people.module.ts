import { Module } from '@nestjs/common';
import { CreatePersonHandler } from './create-person/create-person.handler';
import { CreatePersonUseCase } from './create-person/create-person.use-case';
import { GetPersonAccessHandler } from './get-person-access/get-person-access.handler';
import { GetPersonAccessUseCase } from './get-person-access/get-person-access.use-case';
import { GetPersonHandler } from './get-person/get-person.handler';
import { ListIdentityChangesHandler } from './list-identity-changes/list-identity-changes.handler';
import { ListPeopleHandler } from './list-people/list-people.handler';
import { RecordIdentityChangeHandler } from './record-identity-change/record-identity-change.handler';
import { RecordIdentityChangeUseCase } from './record-identity-change/record-identity-change.use-case';

@Module({
  controllers: [
    CreatePersonHandler,
    GetPersonHandler,
    ListPeopleHandler,
    GetPersonAccessHandler,
    RecordIdentityChangeHandler,
    ListIdentityChangesHandler,
  ],
  providers: [CreatePersonUseCase, GetPersonAccessUseCase, RecordIdentityChangeUseCase],
})
export class PeopleModule {}
