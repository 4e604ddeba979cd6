package id.go.pontianakkota.net;

import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

public class KlienTidakAman implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String authType) { }

    // ruleid: repospbe.java.tls.trust-all
    public void checkServerTrusted(X509Certificate[] chain, String authType) { }

    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    public static void pasang() {
        // ruleid: repospbe.java.tls.trust-all
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
        // ok: repospbe.java.tls.trust-all
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> hostname.endsWith(".pontianakkota.go.id"));
    }
}

class VerifierAman implements HostnameVerifier {
    // ok: repospbe.java.tls.trust-all
    public boolean verify(String host, SSLSession session) {
        return HttpsURLConnection.getDefaultHostnameVerifier().verify(host, session);
    }
}
