/** CodeB Control Plane: the system of record and HTTP API of the deployment platform. */
package kr.codeb.control;
