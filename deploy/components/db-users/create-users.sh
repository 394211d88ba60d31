#!/bin/sh
# Creates the service's MySQL users, or sets their passwords and grants again; safe to run any
# number of times. Runs in the mysql image, as the master user, over TLS verified against the RDS
# CA bundle. The passwords are Terraform's (letters and digits only) and reach MySQL on standard
# input, never on a command line.
set -eu
umask 077
printf '[client]\nuser=%s\npassword=%s\n' "$MASTER_USER" "$MASTER_PASSWORD" > /tmp/master.cnf

mysql --defaults-extra-file=/tmp/master.cnf --host="$DB_HOST" --port="$DB_PORT" \
  --ssl-mode=VERIFY_IDENTITY --ssl-ca="$DB_SSL_CA" --batch <<SQL
-- The service (DB_USER): rows of its own database only, no schema changes, nothing elsewhere.
CREATE USER IF NOT EXISTS '$APP_USER'@'%' IDENTIFIED BY '$APP_PASSWORD' REQUIRE SSL;
ALTER USER '$APP_USER'@'%' IDENTIFIED BY '$APP_PASSWORD' REQUIRE SSL;
REVOKE ALL PRIVILEGES, GRANT OPTION FROM '$APP_USER'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON \`$DB_NAME\`.* TO '$APP_USER'@'%';

-- Flyway (SPRING_FLYWAY_USER): the schema of the service's database, nothing elsewhere.
CREATE USER IF NOT EXISTS '$MIGRATION_USER'@'%' IDENTIFIED BY '$MIGRATION_PASSWORD' REQUIRE SSL;
ALTER USER '$MIGRATION_USER'@'%' IDENTIFIED BY '$MIGRATION_PASSWORD' REQUIRE SSL;
REVOKE ALL PRIVILEGES, GRANT OPTION FROM '$MIGRATION_USER'@'%';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$MIGRATION_USER'@'%';

SHOW GRANTS FOR '$APP_USER'@'%';
SHOW GRANTS FOR '$MIGRATION_USER'@'%';
SQL
echo "MySQL users $APP_USER and $MIGRATION_USER are in place"
