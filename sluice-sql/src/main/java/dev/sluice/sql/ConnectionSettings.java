package dev.sluice.sql;

import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads where a SQL entry connects from its credentials (Kedro's {@code con}, plus {@code user},
 * {@code password} and driver {@code properties}) or its own {@code con} setting, which may not hold
 * a password. Kedro's SQLAlchemy URLs ({@code postgresql://user:pw@host/db}, {@code
 * duckdb:///file.db}) become JDBC URLs; relative database files resolve against the project.
 * Messages name keys, never values.
 */
final class ConnectionSettings {
    static final Option CON = Option.of(
            "con",
            "JDBC URL",
            "Where to connect, if the entry's credentials do not say: a JDBC URL without a password, such as"
                    + " jdbc:duckdb:data/warehouse.duckdb. URLs with secrets belong in credentials.yml"
                    + " (con, user, password, properties), as in Kedro.");

    private static final Set<String> CREDENTIAL_KEYS = Set.of("con", "user", "username", "password", "properties");
    private static final Set<String> FILE_DATABASES = Set.of("duckdb", "sqlite");

    private ConnectionSettings() {}

    static Database read(DatasetSpec spec) {
        Map<String, Object> credentials = spec.credentials();
        Set<String> unknown = new TreeSet<>(credentials.keySet());
        unknown.removeAll(CREDENTIAL_KEYS);
        if (!unknown.isEmpty()) {
            throw spec.error("has credentials with unknown key" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + "; SQL credentials take con (a JDBC URL), user, password and properties (driver settings)");
        }
        Object fromCredentials = credentials.get("con");
        String fromEntry = spec.string("con").orElse(null);
        if (fromCredentials != null && fromEntry != null) {
            throw spec.error("gives 'con' both in the entry and in its credentials; keep the one in credentials");
        }
        if (fromCredentials == null && fromEntry == null) {
            throw spec.error("needs a database to connect to: refer to credentials with a 'con' URL (credentials:"
                    + " db_credentials, with db_credentials: {con: jdbc:postgresql://host:5432/db, user: ...,"
                    + " password: ...} in conf/local/credentials.yml), or set 'con' for a database without a"
                    + " password");
        }
        if (fromEntry != null && hasPassword(fromEntry)) {
            throw spec.error("has a password in its 'con' setting, where it would be logged with the catalog;"
                    + " move con to conf/local/credentials.yml and refer to it with 'credentials: <name>'");
        }
        String con = fromCredentials != null ? fromCredentials.toString().trim() : fromEntry.trim();
        Database database;
        try {
            database = fromUrl(con, spec.projectDir());
        } catch (IllegalArgumentException e) {
            throw spec.error("cannot connect with its 'con' URL (" + Database.maskUrl(con) + "): " + e.getMessage());
        }
        Object user = credentials.containsKey("user") ? credentials.get("user") : credentials.get("username");
        if (user != null) {
            database = database.withUser(user.toString());
        }
        if (credentials.get("password") != null) {
            database = database.withPassword(credentials.get("password").toString());
        }
        Object properties = credentials.get("properties");
        if (properties != null) {
            if (!(properties instanceof Map<?, ?> map)) {
                throw spec.error("has credentials whose 'properties' is not a mapping of driver settings");
            }
            for (Map.Entry<?, ?> property : map.entrySet()) {
                database =
                        database.withProperty(String.valueOf(property.getKey()), String.valueOf(property.getValue()));
            }
        }
        return database;
    }

    /** A {@link Database} for a JDBC URL or one of Kedro's SQLAlchemy URLs; user and password move out of the URL. */
    static Database fromUrl(String con, Path projectDir) {
        if (con.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return Database.of(resolveFile(con, projectDir));
        }
        URI uri;
        try {
            uri = new URI(con);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("it is neither a JDBC URL (jdbc:...) nor a valid URL");
        }
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException(
                    "it is not a URL; write a JDBC URL such as" + " jdbc:postgresql://localhost:5432/db");
        }
        String dialect = uri.getScheme().toLowerCase(Locale.ROOT);
        int plus = dialect.indexOf('+');
        if (plus >= 0) {
            dialect = dialect.substring(0, plus);
        }
        if (dialect.equals("postgres")) {
            dialect = "postgresql";
        }
        if (FILE_DATABASES.contains(dialect)) {
            // SQLAlchemy: duckdb:///relative.db, duckdb:////absolute.db, duckdb:///:memory:
            String path = uri.getRawPath() == null ? "" : decode(uri.getRawPath());
            path = path.startsWith("/") ? path.substring(1) : path;
            return Database.of(
                    resolveFile("jdbc:" + dialect + ":" + (path.equals(":memory:") ? "" : path), projectDir));
        }
        if (!Set.of("postgresql", "mysql", "mariadb").contains(dialect)) {
            throw new IllegalArgumentException("Sluice translates SQLAlchemy URLs only for postgresql, mysql, mariadb,"
                    + " duckdb and sqlite; write a JDBC URL (jdbc:" + dialect + ":...) instead");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("it names no host; write it like postgresql://user@localhost:5432/db");
        }
        String jdbc = "jdbc:" + dialect + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Database database = Database.of(jdbc);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            database = database.withUser(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                database = database.withPassword(decode(userInfo.substring(colon + 1)));
            }
        }
        return database;
    }

    /** A DuckDB or SQLite file named relative to the project, as an absolute path. */
    private static String resolveFile(String jdbcUrl, Path projectDir) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        for (String product : FILE_DATABASES) {
            String prefix = "jdbc:" + product + ":";
            if (lower.startsWith(prefix)) {
                String rest = jdbcUrl.substring(prefix.length());
                int query = rest.indexOf('?');
                String file = query < 0 ? rest : rest.substring(0, query);
                if (file.isEmpty()
                        || file.startsWith(":memory:")
                        || Path.of(file).isAbsolute()) {
                    return jdbcUrl;
                }
                return prefix
                        + projectDir.toAbsolutePath().resolve(file).normalize()
                        + (query < 0 ? "" : rest.substring(query));
            }
        }
        return jdbcUrl;
    }

    private static boolean hasPassword(String url) {
        return !Database.maskUrl(url).equals(url);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
