@echo off
rem restore's launcher in the platform-independent zip, for Windows: runs lib\restore.jar with
rem JAVA_HOME\bin\java.exe, else java from PATH (Java 17 or newer). RESTORE_JAVA_OPTS: extra JVM
rem options. Not tested here (CI is Linux only): see docs/platforms.md.
setlocal
set "RESTORE_HOME=%~dp0.."
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
"%JAVA_EXE%" %RESTORE_JAVA_OPTS% -jar "%RESTORE_HOME%\lib\restore.jar" %*
exit /b %ERRORLEVEL%
