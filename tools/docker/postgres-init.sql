-- Run once by the postgres image when its volume is empty (docker-entrypoint-initdb.d).
-- Each service also creates its own database at boot when it is missing (MIGRATE_ON_BOOT=true);
-- creating them here lets them start with MIGRATE_ON_BOOT=false or a less privileged user.
CREATE DATABASE gongkai_catalogue;
CREATE DATABASE gongkai_rounds;
CREATE DATABASE gongkai_permissions;
CREATE DATABASE gongkai_complaints;
CREATE DATABASE gongkai_reports;
