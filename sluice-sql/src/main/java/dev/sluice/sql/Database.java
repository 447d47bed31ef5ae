package dev.sluice.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a SQL dataset connects: a JDBC URL plus the user, password and driver properties to connect
 * with. The driver is whatever the class path holds for the URL ({@code org.postgresql:postgresql},
 * {@code org.duckdb:duckdb_jdbc}, ...); Sluice ships none.
 *
 * <p>{@link #toString()} and {@link #maskedUrl()} never show the password, nor a password written
 * into the URL. Immutable and thread-safe.
 */
public final class Database {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;](?:password|pwd)=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@:]*):[^/@]*@");

    private final String url;
    private final String user;
    private final String password;
    private final Map<String, String> properties;

    private Database(String url, String user, String password, Map<String, String> properties) {
        this.url = Objects.requireNonNull(url, "url");
        if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new IllegalArgumentException("A JDBC URL starts with 'jdbc:', not '" + maskUrl(url) + "'");
        }
        this.user = user;
        this.password = password;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The database at JDBC URL {@code url} ({@code jdbc:postgresql://host/db}, {@code jdbc:duckdb:file.db}). */
    public static Database of(String url) {
        return new Database(url, null, null, Map.of());
    }

    /** This database, connecting as {@code user}. */
    public Database withUser(String user) {
        return new Database(url, user, password, properties);
    }

    /** This database, connecting with {@code password}. */
    public Database withPassword(String password) {
        return new Database(url, user, password, properties);
    }

    /** This database with one more driver property ({@code sslmode}, {@code reWriteBatchedInserts}). */
    public Database withProperty(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(properties);
        more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new Database(url, user, password, more);
    }

    /** The JDBC URL as given; may hold secrets, so show {@link #maskedUrl()} instead. */
    public String url() {
        return url;
    }

    /** The URL with any password in it replaced by {@code ***}. */
    public String maskedUrl() {
        return maskUrl(url);
    }

    /** The user to connect as, or {@code null} to leave it to the URL or the driver. */
    public String user() {
        return user;
    }

    /** The product in the URL, lower case: {@code postgresql}, {@code duckdb}. */
    String product() {
        int colon = url.indexOf(':', 5);
        return (colon < 0 ? url.substring(5) : url.substring(5, colon)).toLowerCase(Locale.ROOT);
    }

    /**
     * Opens a connection; the caller closes it.
     *
     * @throws SQLException as the driver reports it, or when no driver on the class path takes the URL
     */
    public Connection connect() throws SQLException {
        createParentDirectory();
        Properties info = new Properties();
        info.putAll(properties);
        if (user != null) {
            info.setProperty("user", user);
        }
        if (password != null) {
            info.setProperty("password", password);
        }
        return DriverManager.getConnection(url, info);
    }

    /** A DuckDB or SQLite file's directory must exist before the driver can create the file. */
    private void createParentDirectory() throws SQLException {
        String product = product();
        if (!product.equals("duckdb") && !product.equals("sqlite")) {
            return;
        }
        String file = url.substring(url.indexOf(':', 5) + 1);
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        if (file.isEmpty() || file.startsWith(":memory:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new SQLException("Cannot create the directory of database file " + file + ": " + e, e);
        }
    }

    /** What {@code describe()} shows: the masked URL, the user and the property names, never the password. */
    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("con", maskedUrl());
        if (user != null) {
            description.put("user", user);
        }
        if (password != null) {
            description.put("password", "***");
        }
        if (!properties.isEmpty()) {
            description.put("properties", properties.keySet());
        }
        return description;
    }

    static String maskUrl(String url) {
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1***");
        return URL_USER_INFO.matcher(masked).replaceAll("$1:***@");
    }

    @Override
    public String toString() {
        return "Database(" + maskedUrl() + (user == null ? "" : ", user " + user) + ")";
    }
}
