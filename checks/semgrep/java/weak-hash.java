package id.go.pontianakkota.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.digest.DigestUtils;

public class Sandi {
    public byte[] hashPassword(String password) throws NoSuchAlgorithmException {
        // ruleid: repospbe.java.weak-hash.password-md5-sha1
        MessageDigest md = MessageDigest.getInstance("MD5");
        return md.digest(password.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] checksum(byte[] isi) throws NoSuchAlgorithmException {
        // ok: repospbe.java.weak-hash.password-md5-sha1
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        return md.digest(isi);
    }

    public String simpan(String username, String kataSandi) {
        // ruleid: repospbe.java.weak-hash.password-md5-sha1
        return DigestUtils.sha1Hex(kataSandi);
    }

    public String etag(String isi) {
        // ok: repospbe.java.weak-hash.password-md5-sha1
        return DigestUtils.md5Hex(isi);
    }
}
