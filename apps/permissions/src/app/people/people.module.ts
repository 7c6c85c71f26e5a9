import { Module } from '@nestjs/common';
import { CreatePersonHandler } from './create-person/create-person.handler';
import { GetPersonAccessHandler } from './get-person-access/get-person-access.handler';
import { GetPersonHandler } from './get-person/get-person.handler';
import { ListIdentityChangesHandler } from './list-identity-changes/list-identity-changes.handler';
import { ListPeopleHandler } from './list-people/list-people.handler';
import { RecordIdentityChangeHandler } from './record-identity-change/record-identity-change.handler';

@Module({
  controllers: [
    CreatePersonHandler,
    GetPersonHandler,
    ListPeopleHandler,
    GetPersonAccessHandler,
    RecordIdentityChangeHandler,
    ListIdentityChangesHandler,
  ],
})
export class PeopleModule {}
