package id.go.pontianakkota.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public class Koneksi {
    // ruleid: repospbe.java.secrets.hardcoded-credential
    private static final String DB_PASSWORD = "Simpeg#2024";
    // ok: repospbe.java.secrets.hardcoded-credential
    private static final String DB_PASSWORD_ENV = System.getenv("DB_PASSWORD");
    // ok: repospbe.java.secrets.hardcoded-credential
    private static final String LABEL_PASSWORD = "Kata sandi";

    public Connection buka() throws SQLException {
        // ruleid: repospbe.java.secrets.hardcoded-credential
        return DriverManager.getConnection("jdbc:mysql://localhost/simpeg", "simpeg", "rahasia123");
    }

    public Connection bukaAman() throws SQLException {
        // ok: repospbe.java.secrets.hardcoded-credential
        return DriverManager.getConnection(System.getenv("DB_URL"), System.getenv("DB_USER"), DB_PASSWORD_ENV);
    }
}
