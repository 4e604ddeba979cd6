public class SesiController {
    public void masuk(HttpServletResponse response, String token) {
        Cookie cookie = new Cookie("token", token);
        // ruleid: repospbe.java.cookie.insecure-flags
        cookie.setHttpOnly(false);
        // ok: repospbe.java.cookie.insecure-flags
        cookie.setSecure(true);
        // ruleid: repospbe.java.cookie.insecure-flags
        ResponseCookie rc = ResponseCookie.from("sesi", token).secure(false).build();
        response.addCookie(cookie);
    }
}
